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
Checks of value combinations that values.schema.json cannot express.
*/}}
{{- define "flatcar-mirror.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.database.url) }}
{{- fail "replicaCount > 1 needs an external PostgreSQL (set database.url): the embedded H2 file database cannot be shared between pods" }}
{{- end }}
{{- if and .Values.existingSecret .Values.database.password (not .Values.database.existingSecret) }}
{{- fail (printf "database.password is ignored when existingSecret is set: put the password into Secret %q under key %q, or use database.existingSecret" .Values.existingSecret .Values.existingSecretKeys.databasePassword) }}
{{- end }}
{{- if and .Values.metrics.separatePort (eq (int .Values.metrics.port) 8080) }}
{{- fail "metrics.port must differ from the application port 8080 when metrics.separatePort is true" }}
{{- end }}
{{- end }}
