#!/bin/sh
# Runs in the one-shot "asterisk-sounds" service of docker/compose.yaml, as root, in the Asterisk image,
# before Asterisk starts:
#  1. once per volume: downloads Asterisk's English core sounds (digits, queue announcements, demo-echotest)
#     and the "opsound" hold music - the image is built without any sound package;
#  2. on every start: copies Hotline's own prompts from docker/sounds/ (mounted on /opt/hotline/prompts)
#     into the sounds volume, e.g. docker/sounds/hotline/welcome.wav -> sounds/hotline/welcome.wav;
#  3. gives both volumes to the asterisk user.
# A failed download (no Internet) is only a warning: Asterisk still starts, callers hear silence instead of
# announcements and music, and the next "up" tries again.
set -eu

BASE_URL="${ASTERISK_SOUNDS_URL:-https://downloads.asterisk.org/pub/telephony/sounds/releases}"
CORE="asterisk-core-sounds-en-wav-1.6.1.tar.gz"   # WAV (8 kHz, 16 bit): transcodes to every codec
MOH="asterisk-moh-opsound-wav-2.03.tar.gz"
SOUNDS="${SOUNDS_DIR:-/var/lib/asterisk/sounds}"
MOHDIR="${MOH_DIR:-/var/lib/asterisk/moh}"
PROMPTS="${PROMPTS_DIR:-/opt/hotline/prompts}"
OWNER="${SOUNDS_OWNER:-asterisk:asterisk}"

# fetch <archive> <directory>: download and unpack once; a marker file records success
fetch() {
    marker="$2/.installed-$1"
    if [ -f "$marker" ]; then
        echo "sounds: $1 already installed"
        return 0
    fi
    echo "sounds: downloading $BASE_URL/$1"
    tmp="$(mktemp)"
    if curl -fsSL --retry 3 --connect-timeout 15 -o "$tmp" "$BASE_URL/$1" && tar -xzf "$tmp" -C "$2"; then
        touch "$marker"
        echo "sounds: $1 installed in $2"
    else
        echo "sounds: WARNING could not install $1 (no Internet access?); Asterisk will run without it" >&2
    fi
    rm -f "$tmp"
}

mkdir -p "$SOUNDS/en" "$MOHDIR"
fetch "$CORE" "$SOUNDS/en"
fetch "$MOH" "$MOHDIR"

# Hotline's prompts (names as in the IVR flow files, e.g. hotline/welcome): copied on every start, so a
# re-recorded prompt reaches Asterisk with "docker compose up"; files deleted there stay in the volume
# until "docker compose down -v".
if [ -d "$PROMPTS" ]; then
    for dir in "$PROMPTS"/*/; do
        [ -d "$dir" ] || continue
        cp -R "$dir" "$SOUNDS/"
        echo "sounds: copied prompts $(basename "$dir")/"
    done
fi

chown -R "$OWNER" "$SOUNDS" "$MOHDIR"
echo "sounds: done"
