#!/usr/bin/env bash
# bench/make-release.sh KEYDIR DIR VERSION IMAGE_MIB [KERNEL_MIB [INITRD_MIB]]
#
# Makes one Flatcar-shaped release directory DIR (e.g. TREE/stable/amd64-usr/2000.2.1), signed
# with real GnuPG the way Flatcar publishes it: version.txt, flatcar_production_image.bin.bz2,
# flatcar_production_pxe.vmlinuz and flatcar_production_pxe_image.cpio.gz, each with a binary
# detached X.sig (SHA-512). Contents come from /dev/urandom. No .DIGESTS files: the mirror treats
# them as optional, and the benchmark times the signature path only.
#
# KEYDIR is a GNUPGHOME. On first use it gets a throwaway key shaped like the Flatcar Image
# Signing Key (the mirror refuses anything else): an RSA 3072 primary that only certifies, with an
# RSA 3072 signing subkey. The public key is exported to KEYDIR/pub.asc, the primary's
# fingerprint to KEYDIR/fpr.
#
# Pointing the board's `current` at a release is left to the caller (see flip_current in lib.sh).
set -euo pipefail

if (($# < 4)); then
  echo "usage: $0 KEYDIR DIR VERSION IMAGE_MIB [KERNEL_MIB [INITRD_MIB]]" >&2
  exit 64
fi
keydir=$1 dir=$2 version=$3 image_mib=$4 kernel_mib=${5:-1} initrd_mib=${6:-2}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "$0: version must be BUILD.BRANCH.PATCH, not '$version'" >&2; exit 64; }
for n in "$image_mib" "$kernel_mib" "$initrd_mib"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "$0: sizes are whole MiB, not '$n'" >&2; exit 64; }
done

export GNUPGHOME=$keydir
mkdir -p "$keydir"
chmod 700 "$keydir"
gpg_quiet=(gpg --batch --quiet --no-tty --pinentry-mode loopback --passphrase '')
if [[ ! -s $keydir/fpr ]]; then
  "${gpg_quiet[@]}" --quick-gen-key 'Mirror Benchmark Buildbot <bench@test.invalid>' rsa3072 cert 1y
  fpr=$(gpg --batch --no-auto-check-trustdb --with-colons --list-keys 2>/dev/null | awk -F: '/^fpr/ {print $10; exit}')
  [[ $fpr =~ ^[0-9A-F]{40}$ ]] || { echo "$0: could not read the new key's fingerprint" >&2; exit 1; }
  "${gpg_quiet[@]}" --quick-add-key "$fpr" rsa3072 sign 1y
  gpg --batch --armor --export "$fpr" >"$keydir/pub.asc"
  echo "$fpr" >"$keydir/fpr"
fi

mkdir -p "$dir"
IFS=. read -r build branch patch <<<"$version"
printf 'FLATCAR_BUILD=%s\nFLATCAR_BRANCH=%s\nFLATCAR_PATCH=%s\nFLATCAR_VERSION=%s\nFLATCAR_VERSION_ID=%s\nFLATCAR_BUILD_ID="%s"\nFLATCAR_SDK_VERSION=%s.0.0\n' \
  "$build" "$branch" "$patch" "$version" "$version" "$(date -u +%Y-%m-%d-%H%M)" "$build" >"$dir/version.txt"
# Fixed odd sizes, so that runs are comparable and no file is a round number of blocks.
head -c $((image_mib * 1048576)) /dev/urandom >"$dir/flatcar_production_image.bin.bz2"
head -c $((kernel_mib * 1048576 + 12345)) /dev/urandom >"$dir/flatcar_production_pxe.vmlinuz"
head -c $((initrd_mib * 1048576 + 54321)) /dev/urandom >"$dir/flatcar_production_pxe_image.cpio.gz"
for f in version.txt flatcar_production_image.bin.bz2 flatcar_production_pxe.vmlinuz flatcar_production_pxe_image.cpio.gz; do
  "${gpg_quiet[@]}" --yes --digest-algo SHA512 --detach-sign -o "$dir/$f.sig" "$dir/$f"
done
