#!/usr/bin/env python3
"""Placeholder recordings of Hotline's IVR prompts, synthesised with espeak-ng and converted with sox.

Every prompt in the IVR flow files ({name: hotline/welcome, text: {zh-CN: ..., en: ...}}) becomes
docker/sounds/<name>.wav - 8 kHz, mono, 16-bit PCM, the format Asterisk plays without converting - which the
asterisk-sounds service copies into Asterisk's sounds volume on the next "docker compose up".
The voice is robotic: enough to hear the IVR working; replace the files with real recordings.
Existing files are kept (your recordings are never overwritten) unless --force.

    python3 docker/scripts/make-tts-prompts.py [--lang zh-CN|en] [--flows DIR_OR_FILE] [--force]

Needs python3 with PyYAML, espeak-ng and sox, e.g. on Debian/Ubuntu:
    apt-get install espeak-ng sox python3-yaml
or without installing anything on the host:
    docker run --rm -v "$PWD":/w -w /w debian:trixie sh -c \\
      'apt-get update -qq && apt-get install -y -qq espeak-ng sox python3-yaml >/dev/null && \\
       python3 docker/scripts/make-tts-prompts.py'
"""
import argparse
import os
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VOICES = {"zh-CN": "cmn", "en": "en-us"}


def prompts(node, found):
    """Collects {name: text-by-language} from every mapping that looks like a prompt."""
    if isinstance(node, dict):
        if isinstance(node.get("name"), str) and isinstance(node.get("text"), dict):
            found.setdefault(node["name"], node["text"])
        for value in node.values():
            prompts(value, found)
    elif isinstance(node, list):
        for value in node:
            prompts(value, found)
    return found


def flow_files(path):
    if os.path.isfile(path):
        return [path]
    return sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith((".yaml", ".yml")))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", default="zh-CN", choices=sorted(VOICES), help="prompt language (default zh-CN)")
    ap.add_argument("--flows", default=os.path.join(ROOT, "ivr", "src", "main", "resources", "ivr"),
                    help="IVR flow file or directory (default: the built-in flows)")
    ap.add_argument("--out", default=os.path.join(ROOT, "docker", "sounds"), help="output directory")
    ap.add_argument("--force", action="store_true", help="overwrite existing files")
    args = ap.parse_args()

    found = {}
    for f in flow_files(args.flows):
        with open(f, encoding="utf-8") as fh:
            prompts(yaml.safe_load(fh), found)
    if not found:
        print(f"no prompts found in {args.flows}", file=sys.stderr)
        return 1
    made = kept = 0
    for name, texts in sorted(found.items()):
        text = texts.get(args.lang) or texts.get("en")
        if not text:
            print(f"skip {name}: no {args.lang} text", file=sys.stderr)
            continue
        target = os.path.join(args.out, name + ".wav")
        if os.path.exists(target) and not args.force:
            kept += 1
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with tempfile.NamedTemporaryFile(suffix=".wav") as raw:
            subprocess.run(["espeak-ng", "-v", VOICES[args.lang], "-s", "150", "-w", raw.name, text], check=True)
            # normalise to -3 dBFS first (espeak-ng peaks at full scale, which clips when resampling)
            subprocess.run(["sox", raw.name, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer",
                            target, "gain", "-n", "-3"], check=True)
        print(f"{target}  <-  {text}")
        made += 1
    print(f"{made} prompt(s) written, {kept} existing kept, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
