#!/usr/bin/env bash
# vendor_assets.sh — fetch PlanLink's front-end assets from the npm registry and copy the
# files we serve into planlink/web/static/vendor/ (no CDN: government networks are often
# offline, so every asset ships inside the repository).
#
# Uses `npm pack <package>@<exact version>` only: nothing is installed into the repository and
# no node_modules directory is created.  Idempotent: re-running overwrites the same files with
# the same bytes; the sha256 sums printed at the end must match planlink/web/static/VENDOR.md.
#
# Usage:  scripts/vendor_assets.sh            # everything
#         scripts/vendor_assets.sh fonts      # only one group: fonts | htmx | leaflet | echarts
set -euo pipefail

HTMX_VERSION="2.0.11"
LEAFLET_VERSION="1.9.4"
ECHARTS_VERSION="6.1.0"
SARABUN_VERSION="0.4.1"   # @expo-google-fonts/sarabun (Sarabun by Cadson Demak, OFL-1.1)

# Faces we serve: Regular and Bold are essential (body text, headings, PDF); italic and the
# middle weights are for emphasis and table headers.
SARABUN_FACES=(400Regular 400Regular_Italic 500Medium 600SemiBold 700Bold 700Bold_Italic)

repository_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vendor_directory="$repository_root/planlink/web/static/vendor"
work_directory="$(mktemp -d)"
trap 'rm -rf "$work_directory"' EXIT

# fetch_package <name> <version> — npm pack into a private directory, extract, echo its path.
fetch_package() {
    local package_name="$1" package_version="$2"
    local target="$work_directory/$(echo "$package_name" | tr '/@' '__')"
    mkdir -p "$target"
    (cd "$target" && npm pack --silent "${package_name}@${package_version}" >/dev/null 2>&1)
    tar -xzf "$target"/*.tgz -C "$target"
    echo "$target/package"
}

vendor_fonts() {
    local source destination
    source="$(fetch_package @expo-google-fonts/sarabun "$SARABUN_VERSION")"
    destination="$vendor_directory/fonts/sarabun"
    rm -rf "$destination"
    mkdir -p "$destination"
    for face in "${SARABUN_FACES[@]}"; do
        cp "$source/$face/Sarabun_$face.ttf" "$destination/"
    done
    cp "$source/LICENSE_FONT" "$destination/OFL.txt"
    cp "$source/LICENSE" "$destination/LICENSE-expo-packaging.txt"
}

vendor_htmx() {
    local source destination
    source="$(fetch_package htmx.org "$HTMX_VERSION")"
    destination="$vendor_directory/htmx"
    rm -rf "$destination"
    mkdir -p "$destination"
    cp "$source/dist/htmx.min.js" "$destination/"
    cp "$source/LICENSE" "$destination/LICENSE.txt"
}

vendor_leaflet() {
    local source destination
    source="$(fetch_package leaflet "$LEAFLET_VERSION")"
    destination="$vendor_directory/leaflet"
    rm -rf "$destination"
    mkdir -p "$destination/images"
    # leaflet.js ends with "//# sourceMappingURL=leaflet.js.map": the map ships too, or
    # collectstatic's manifest storage (production) refuses the missing reference.
    cp "$source/dist/leaflet.js" "$source/dist/leaflet.js.map" "$source/dist/leaflet.css" "$destination/"
    cp "$source"/dist/images/* "$destination/images/"
    cp "$source/LICENSE" "$destination/LICENSE.txt"
}

vendor_echarts() {
    local source destination
    source="$(fetch_package echarts "$ECHARTS_VERSION")"
    destination="$vendor_directory/echarts"
    rm -rf "$destination"
    mkdir -p "$destination"
    cp "$source/dist/echarts.min.js" "$destination/"
    cp "$source/LICENSE" "$destination/LICENSE.txt"
    if [ -f "$source/NOTICE" ]; then cp "$source/NOTICE" "$destination/NOTICE.txt"; fi
}

groups=("$@")
if [ ${#groups[@]} -eq 0 ]; then groups=(fonts htmx leaflet echarts); fi
for group in "${groups[@]}"; do
    case "$group" in
        fonts) vendor_fonts ;;
        htmx) vendor_htmx ;;
        leaflet) vendor_leaflet ;;
        echarts) vendor_echarts ;;
        *) echo "unknown group: $group (use fonts | htmx | leaflet | echarts)" >&2; exit 2 ;;
    esac
done

# Print checksums so VENDOR.md can be checked by eye or by `sha256sum -c`.
(cd "$vendor_directory" && find . -type f ! -name '*.md' | LC_ALL=C sort | sed 's|^\./||' \
    | xargs sha256sum)
