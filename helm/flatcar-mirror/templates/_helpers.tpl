{{/*
Chart name, truncated to the 63 characters a DNS label allows.
*/}}
{{- define "flatcar-mirror.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: the release name, suffixed with the chart name unless it already contains it.
*/}}
{{- define "flatcar-mirror.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "flatcar-mirror.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "flatcar-mirror.labels" -}}
helm.sh/chart: {{ include "flatcar-mirror.chart" . }}
{{ include "flatcar-mirror.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "flatcar-mirror.selectorLabels" -}}
app.kubernetes.io/name: {{ include "flatcar-mirror.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Name of the Secret holding the admin token: existingSecret, or the one this chart renders.
*/}}
{{- define "flatcar-mirror.secretName" -}}
{{- default (include "flatcar-mirror.fullname" .) .Values.existingSecret }}
{{- end }}

{{/*
Name of the PersistentVolumeClaim mounted at /data.
*/}}
{{- define "flatcar-mirror.claimName" -}}
{{- default (include "flatcar-mirror.fullname" .) .Values.persistence.existingClaim }}
{{- end }}

{{/*
Whether the chart's own Secret carries the database password
(external database, inline password, no existingSecret / database.existingSecret).
*/}}
{{- define "flatcar-mirror.inlineDatabasePassword" -}}
{{- if and .Values.database.url .Values.database.password (not .Values.database.existingSecret) (not .Values.existingSecret) }}true{{- end }}
{{- end }}

{{/*
Name of the container port that serves the actuator endpoints (probes, Prometheus).
*/}}
{{- define "flatcar-mirror.managementPortName" -}}
{{- if .Values.metrics.separatePort }}management{{ else }}http{{ end }}
{{- end }}

{{/*
Name of the ServiceAccount the pods run as.
*/}}
{{- define "flatcar-mirror.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "flatcar-mirror.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
"true" when the objects are kept in S3.
*/}}
{{- define "flatcar-mirror.s3" -}}
{{- if eq .Values.storage.type "s3" }}true{{ end }}
{{- end }}

{{/*
"true" when /data is a PersistentVolumeClaim: it holds the object store (storage.type=filesystem) or the
H2 catalog (no database.url). With S3 and PostgreSQL nothing on /data outlives a download.
*/}}
{{- define "flatcar-mirror.dataClaim" -}}
{{- if and .Values.persistence.enabled (or (not (include "flatcar-mirror.s3" .)) (not .Values.database.url)) }}true{{ end }}
{{- end }}

{{/*
"true" when two pods can run side by side: they share the catalog in PostgreSQL and the objects in S3 or on
a ReadWriteMany claim, or nothing they hold is persistent. A ReadWriteOnce claim, and the H2 catalog (one
process holds its file lock), allow one pod at a time.
*/}}
{{- define "flatcar-mirror.sideBySide" -}}
{{- if include "flatcar-mirror.dataClaim" . }}
{{- if and .Values.database.url (has "ReadWriteMany" .Values.persistence.accessModes) }}true{{ end }}
{{- else if include "flatcar-mirror.s3" . }}
{{- if .Values.database.url }}true{{ end }}
{{- else }}true
{{- end }}
{{- end }}

{{/*
Checks of value combinations. values.schema.json refuses the same combinations first, with the same
advice; these stay for installs that skip schema validation (--skip-schema-validation).
*/}}
{{- define "flatcar-mirror.validate" -}}
{{- if gt (int .Values.replicaCount) 1 }}
{{- if not (hasPrefix "jdbc:postgresql:" .Values.database.url) }}
{{- fail "replicaCount > 1 needs an external PostgreSQL: set database.url=jdbc:postgresql://HOST:5432/DB and database.username (the embedded H2 database cannot be shared between pods)" }}
{{- end }}
{{- if not (or (include "flatcar-mirror.s3" .) (and .Values.persistence.enabled (has "ReadWriteMany" .Values.persistence.accessModes))) }}
{{- fail "replicaCount > 1 needs an object store every pod can write: set storage.type=s3 (and storage.s3.bucket), or persistence.accessModes={ReadWriteMany} on a StorageClass that provides it (a ReadWriteOnce volume or an emptyDir belongs to one pod)" }}
{{- end }}
{{- end }}
{{- if and (include "flatcar-mirror.s3" .) (not .Values.storage.s3.bucket) }}
{{- fail "storage.type=s3 needs storage.s3.bucket: set it to the name of the bucket" }}
{{- end }}
{{- if and .Values.existingSecret .Values.database.password (not .Values.database.existingSecret) }}
{{- fail (printf "database.password is ignored when existingSecret is set: put the password into Secret %q under key %q, or use database.existingSecret" .Values.existingSecret .Values.existingSecretKeys.databasePassword) }}
{{- end }}
{{- if and .Values.metrics.separatePort (eq (int .Values.metrics.port) 8080) }}
{{- fail "metrics.port must differ from the application port 8080 when metrics.separatePort is true" }}
{{- end }}
{{- end }}
