#!/usr/bin/env python3
"""Offline consistency check of docker/ (no Docker engine, no Asterisk needed).

    python3 docker/scripts/check-config.py [--env docker/.env.example] [--schema compose-spec.json]

Checks:
  * compose.yaml parses as YAML after docker-compose-style interpolation with the given env file
    (${VAR}, ${VAR:-x}, ${VAR-x}, ${VAR:?msg}, ${VAR?msg}, $$), and every variable it uses is in the env file;
  * optionally validates the interpolated file against the Compose Specification JSON schema;
  * every docker/asterisk/*.conf is well-formed Asterisk config syntax: [section] / [section](template,...),
    key = value or key => value lines, ';' comments, #include lines, templates defined before use,
    "(+)" only on sections that exist;
  * the values that must agree across files do: the RTP range (rtp.conf vs published ports), the compose
    subnet (compose.yaml vs manager.conf permit/deny and pjsip.conf local_net), AMI not published,
    HOTLINE_AGI (extensions.conf) vs the platform service and HOTLINE_AGI_PORT, the FastAGI allow-list
    (HOTLINE_AGI_ALLOWED_ADDRESSES) vs asterisk's fixed address, the #include targets vs the
    compose "configs", the auth sections the generated pjsip include extends, PJSIP references
    (endpoint auth/aors, queue members, HOTLINE_AGENT_DEVICES), the fallback queue name, the dialplan
    contract lines.
Exit status 0 when everything holds; the problems are printed otherwise.  Needs PyYAML (+ jsonschema for
--schema).
"""
import argparse
import ipaddress
import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DOCKER = os.path.dirname(HERE)
ASTERISK = os.path.join(DOCKER, "asterisk")
problems = []


def problem(msg):
    problems.append(msg)


# ---------------------------------------------------------------------------------------------- compose

def read_env(path, documented=None):
    """KEY=value lines; commented-out "#KEY=value" lines are optional variables, collected in documented."""
    env = {}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        m = re.match(r"^#([A-Z][A-Z0-9_]*)=", line)
        if m and documented is not None:
            documented.add(m.group(1))
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        env[key.strip()] = value.strip()
    return env


VAR = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)((?::?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)")


def interpolate(text, env, used):
    def repl(m):
        if m.group(0) == "$$":
            return "$"
        name = m.group(1) or m.group(4)
        used.add(name)
        value = env.get(name)
        op = m.group(2)
        if not op:
            return value or ""
        arg = op.lstrip(":")[1:]
        kind = op.lstrip(":")[0]
        colon = op.startswith(":")
        unset = value is None or (colon and value == "")
        if kind == "-":
            return interpolate(arg, env, used) if unset else value
        if kind == "?":
            if unset:
                problem(f"compose: required variable {name} is not set: {arg}")
                return ""
            return value
        if kind == "+":
            return "" if unset else interpolate(arg, env, used)
        return value

    return VAR.sub(repl, text)


def check_compose(env_path, schema_path):
    raw = open(os.path.join(DOCKER, "compose.yaml"), encoding="utf-8").read()
    documented = set()
    env = read_env(env_path, documented)
    used = set()
    doc = yaml.safe_load(interpolate(raw, env, used))
    for name in sorted(used - set(env) - documented):
        problem(f"compose: {name} is used by compose.yaml but not listed in {os.path.basename(env_path)}")
    for name in sorted(set(env) - used):
        problem(f"compose: {name} is in {os.path.basename(env_path)} but compose.yaml does not use it")
    if schema_path:
        import jsonschema
        schema = json.load(open(schema_path, encoding="utf-8"))
        for err in jsonschema.Draft7Validator(schema).iter_errors(doc):
            problem(f"compose schema: {'/'.join(map(str, err.path))}: {err.message}")
    return doc


# ---------------------------------------------------------------------------------------- asterisk conf

SECTION = re.compile(r"^\[([^\]]+)\](?:\(([^)]*)\))?\s*$")
# a key may carry one level of nested parentheses: manager.conf's eventfilter(action(include),name(Hangup))
ASSIGN = re.compile(r"^([A-Za-z0-9_.\-*#]+(?:\((?:[^()]|\([^()]*\))*\))?)\s*=>?\s*(.*)$")


def strip_comment(line):
    # ';' starts a comment unless escaped as '\;'
    out, i = [], 0
    while i < len(line):
        if line[i] == "\\" and i + 1 < len(line) and line[i + 1] == ";":
            out.append(";")
            i += 2
            continue
        if line[i] == ";":
            break
        out.append(line[i])
        i += 1
    return "".join(out).strip()


def parse_conf(name, text=None, sections=None):
    """Returns [(section, [(key, value)], options)], in file order; templates resolved; includes recorded."""
    path = os.path.join(ASTERISK, name)
    text = open(path, encoding="utf-8").read() if text is None else text
    sections = [] if sections is None else sections
    includes = []
    current = None
    for no, rawline in enumerate(text.splitlines(), 1):
        line = strip_comment(rawline)
        if not line:
            continue
        if line.startswith("#include") or line.startswith("#tryinclude"):
            target = line.split(None, 1)[1].strip().strip('"') if len(line.split(None, 1)) == 2 else ""
            if not target:
                problem(f"{name}:{no}: #include without a file")
            includes.append((target, current))
            continue
        m = SECTION.match(line)
        if m:
            sec, opts = m.group(1), [o.strip() for o in (m.group(2) or "").split(",") if o.strip()]
            if "+" in opts:
                found = [s for s in sections if s[0] == sec]
                if not found:
                    problem(f"{name}:{no}: [{sec}](+) extends a section that does not exist")
                    current = (sec, [], opts)
                    sections.append(current)
                else:
                    current = found[-1]
                continue
            items = []
            for t in opts:
                if t == "!":
                    continue
                tmpl = [s for s in sections if s[0] == t]
                if not tmpl:
                    problem(f"{name}:{no}: [{sec}] uses template ({t}) which is not defined before it")
                else:
                    items.extend(tmpl[-1][1])
            current = (sec, items, opts)
            sections.append(current)
            continue
        m = ASSIGN.match(line)
        if not m:
            problem(f"{name}:{no}: not a valid config line: {rawline.strip()}")
            continue
        if current is None:
            problem(f"{name}:{no}: setting outside any [section]")
            continue
        current[1].append((m.group(1).strip(), m.group(2).strip()))
    return sections, includes


def values(section, key):
    return [v for k, v in section[1] if k == key]


def real(sections):
    return [s for s in sections if "!" not in s[2]]


def check_asterisk(doc, env):
    confs = {}
    for f in sorted(os.listdir(ASTERISK)):
        if f.endswith(".conf"):
            confs[f] = parse_conf(f)
    for f in ["extensions.conf", "pjsip.conf", "http.conf", "manager.conf", "queues.conf", "musiconhold.conf",
              "rtp.conf", "modules.conf", "logger.conf", "features.conf"]:
        if f not in confs:
            problem(f"docker/asterisk/{f} is missing")

    asterisk_svc = doc["services"]["asterisk"]
    platform_env = doc["services"]["platform"]["environment"]
    config_targets = {c["target"]: c["source"] for c in asterisk_svc.get("configs", [])}

    # includes <-> compose configs; the generated pjsip include must extend existing sections
    for f, (sections, includes) in confs.items():
        for target, _ in includes:
            if target.startswith("/etc/asterisk-secrets/"):
                if target not in config_targets:
                    problem(f"{f}: #include {target} is not a config target of the asterisk service")
    pjsip_sections, _ = confs["pjsip.conf"]
    src = config_targets.get("/etc/asterisk-secrets/pjsip_secrets.conf")
    if src:
        content = doc["configs"][src]["content"]
        pjsip_sections, _ = parse_conf("pjsip.conf", content, [(s[0], list(s[1]), s[2]) for s in pjsip_sections])
    src = config_targets.get("/etc/asterisk-secrets/manager_hotline.conf")
    if src:
        content = doc["configs"][src]["content"]
        if not re.search(r"(?m)^secret = \S+$", content):
            problem("compose: the manager secret config does not produce 'secret = <value>'")

    # RTP range == published range; AMI not published
    rtp = dict(confs["rtp.conf"][0][0][1])
    rtp_range = f"{rtp.get('rtpstart')}-{rtp.get('rtpend')}"
    ports = [str(p) for p in asterisk_svc.get("ports", [])]
    if not any(f":{rtp_range}:{rtp_range}/udp" in p for p in ports):
        problem(f"compose: RTP range {rtp_range} of rtp.conf is not published as udp by the asterisk service")
    for svc, spec in doc["services"].items():
        for p in spec.get("ports", []) or []:
            if re.search(r"(^|:)5038(:|$)", str(p)):
                problem(f"compose: service {svc} publishes the AMI port 5038")
            if re.search(r"(^|:)4573(:|$)", str(p)):
                problem(f"compose: service {svc} publishes the FastAGI port 4573")

    # subnet: compose == manager.conf permit/deny == pjsip local_net
    subnet = ipaddress.ip_network(doc["networks"]["hotline"]["ipam"]["config"][0]["subnet"])
    gateway = ipaddress.ip_address(doc["networks"]["hotline"]["ipam"]["config"][0]["gateway"])
    manager = {s[0]: s for s in confs["manager.conf"][0]}
    hot = manager.get("hotline")
    if not hot:
        problem("manager.conf: no [hotline] user")
    else:
        acl = [(k, ipaddress.ip_network(v.replace(" ", ""), strict=False)) for k, v in hot[1] if k in ("permit", "deny")]
        if not acl or acl[0] != ("deny", ipaddress.ip_network("0.0.0.0/0")):
            problem("manager.conf: [hotline] must start with deny = 0.0.0.0/0.0.0.0")
        if ("permit", subnet) not in acl:
            problem(f"manager.conf: [hotline] does not permit the compose subnet {subnet}")
        if ("deny", ipaddress.ip_network(f"{gateway}/32")) not in acl:
            problem(f"manager.conf: [hotline] does not deny the compose gateway {gateway}")
        for needed in ("read", "write", "writetimeout"):
            if not values(hot, needed):
                problem(f"manager.conf: [hotline] has no {needed}")
        if platform_env.get("HOTLINE_AMI_USER") != "hotline":
            problem("compose: HOTLINE_AMI_USER is not the [hotline] manager.conf user")
    general = dict(manager["general"][1])
    if general.get("port") != platform_env.get("HOTLINE_AMI_PORT"):
        problem("manager.conf port != HOTLINE_AMI_PORT")
    transport = [s for s in pjsip_sections if s[0] == "transport-udp"][0]
    if str(subnet) not in values(transport, "local_net"):
        problem(f"pjsip.conf: transport-udp local_net does not contain the compose subnet {subnet}")
    ip = asterisk_svc["networks"]["hotline"].get("ipv4_address")
    if ip and ipaddress.ip_address(ip) not in subnet:
        problem("compose: asterisk's ipv4_address is outside the subnet")
    # FastAGI: bound to every interface in the container, so the allow-list must name asterisk (and no more)
    allowed = [a.strip() for a in str(platform_env.get("HOTLINE_AGI_ALLOWED_ADDRESSES", "")).split(",") if a.strip()]
    if not allowed:
        problem("compose: the platform has no HOTLINE_AGI_ALLOWED_ADDRESSES (FastAGI has no authentication)")
    else:
        try:
            nets = [ipaddress.ip_network(a, strict=False) for a in allowed]
        except ValueError as e:
            problem(f"compose: HOTLINE_AGI_ALLOWED_ADDRESSES: {e}")
            nets = []
        if nets and (not ip or not any(ipaddress.ip_address(ip) in n for n in nets)):
            problem(f"compose: HOTLINE_AGI_ALLOWED_ADDRESSES {allowed} does not admit asterisk's ipv4_address {ip}")
        for n in nets:
            if n.version != subnet.version or not n.subnet_of(subnet):
                problem(f"compose: HOTLINE_AGI_ALLOWED_ADDRESSES entry {n} is outside the compose subnet {subnet}")

    # PJSIP object references
    by_type = {}
    for s in real(pjsip_sections):
        t = (values(s, "type") or [None])[-1]
        if t is None:
            problem(f"pjsip.conf: [{s[0]}] has no type")
        by_type.setdefault(t, {})[s[0]] = s
    for name, ep in by_type.get("endpoint", {}).items():
        for a in values(ep, "auth"):
            if a not in by_type.get("auth", {}):
                problem(f"pjsip.conf: endpoint {name} auth={a} is not an auth section")
        for a in values(ep, "aors"):
            if a not in by_type.get("aor", {}):
                problem(f"pjsip.conf: endpoint {name} aors={a} is not an aor section")
        tr = values(ep, "transport")
        if tr and tr[-1] not in by_type.get("transport", {}):
            problem(f"pjsip.conf: endpoint {name} transport={tr[-1]} is not a transport")
    for name, auth in by_type.get("auth", {}).items():
        if not values(auth, "password"):
            problem(f"pjsip.conf: auth {name} gets no password (neither in place nor from the compose include)")
    for name in [f"100{i}" for i in range(1, 6)]:
        aor = by_type.get("aor", {}).get(name)
        if not aor or values(aor, "max_contacts")[-1:] != ["1"] or values(aor, "remove_existing")[-1:] != ["yes"]:
            problem(f"pjsip.conf: aor {name} must have max_contacts=1 and remove_existing=yes")
        if name not in by_type.get("endpoint", {}):
            problem(f"pjsip.conf: endpoint {name} is missing")
    if not any(values(e, "webrtc")[-1:] == ["yes"] for e in by_type.get("endpoint", {}).values()):
        problem("pjsip.conf: no endpoint with webrtc=yes")
    protocols = {values(t, "protocol")[-1] for t in by_type.get("transport", {}).values()}
    for p in ("udp", "ws", "wss"):
        if p not in protocols:
            problem(f"pjsip.conf: no {p} transport")
    endpoints = set(by_type.get("endpoint", {}))
    # agent=DEVICE, where DEVICE may be several joined with "&" (Asterisk's Dial syntax: a phone and its browser
    # twin, rung in parallel); every member must be a PJSIP endpoint
    for pair in platform_env.get("HOTLINE_AGENT_DEVICES", "").split(","):
        agent, _, devices = pair.partition("=")
        if not agent.strip():
            problem(f"compose: HOTLINE_AGENT_DEVICES {pair} is not agent=DEVICE")
        for device in devices.split("&"):
            device = device.strip()
            if not device.startswith("PJSIP/") or device[6:] not in endpoints:
                problem(f"compose: HOTLINE_AGENT_DEVICES {pair}: {device or '(empty)'} is not a PJSIP endpoint"
                        " of pjsip.conf")

    # http.conf: ws on 8088, published
    http = dict(confs["http.conf"][0][0][1])
    if http.get("enabled") != "yes" or http.get("bindport") != "8088":
        problem("http.conf: must be enabled on port 8088")

    # dialplan: contract, globals, fallback queue
    ext_text = open(os.path.join(ASTERISK, "extensions.conf"), encoding="utf-8").read()
    contract = [
        "HOTLINE_AGI=platform:4573",
        "exten => _X.,1,NoOp(Hotline call from ${CALLERID(num)} to ${EXTEN})",
        " same => n,Answer()",
        " same => n,AGI(agi://${HOTLINE_AGI}/hotline?flow=main)",
        ' same => n,GotoIf($["${DIALSTATUS}" = "ANSWER"]?done)',
        ' same => n,GotoIf($["${AGISTATUS}" = "FAILURE"]?fallback)',
        ' same => n,GotoIf($["${AJ_AGISTATUS}" != "SUCCESS"]?fallback)',
        " same => n(done),Hangup()",
        " same => n(fallback),Queue(hotline-fallback,t,,,300)",
        " same => n,Hangup()",
        "exten => s,1,AGI(agi://${HOTLINE_AGI}/answered?call=${ARG1})",
        " same => n,Return()",
    ]
    lines = [strip_comment(l) if not l.startswith(" ") else " " + strip_comment(l) for l in ext_text.splitlines()]
    for c in contract:
        if c not in lines:
            problem(f"extensions.conf: contract line missing or altered: {c}")
    ext = {s[0]: s for s in confs["extensions.conf"][0]}
    for ctx in ("globals", "hotline", "hotline-answered", "from-trunk", "from-agents", "agents"):
        if ctx not in ext:
            problem(f"extensions.conf: context [{ctx}] missing")
    agi = dict(ext["globals"][1]).get("HOTLINE_AGI", "")
    host, _, port = agi.partition(":")
    if host not in doc["services"] or port != platform_env.get("HOTLINE_AGI_PORT"):
        problem(f"extensions.conf: HOTLINE_AGI={agi} is not platform service + HOTLINE_AGI_PORT")
    queues = {s[0]: s for s in confs["queues.conf"][0]}
    if "hotline-fallback" not in queues:
        problem("queues.conf: no [hotline-fallback]")
    else:
        members = values(queues["hotline-fallback"], "member")
        for m in members:
            dev = m.split(",")[0]
            if not dev.startswith("PJSIP/") or dev[6:] not in endpoints:
                problem(f"queues.conf: member {dev} is not a PJSIP endpoint")
        if sorted(m.split(",")[0] for m in members) != [f"PJSIP/100{i}" for i in range(1, 6)]:
            problem("queues.conf: hotline-fallback members are not PJSIP/1001..1005")

    # modules: what must and must not load
    mods = confs["modules.conf"][0][0][1]
    required = {v for k, v in mods if k in ("require", "load")}
    noload = {v for k, v in mods if k == "noload"}
    for m in ("res_pjsip.so", "chan_pjsip.so", "res_http_websocket.so", "res_pjsip_transport_websocket.so",
              "res_agi.so", "app_queue.so", "app_stack.so", "res_musiconhold.so", "res_manager_devicestate.so"):
        if m not in required:
            problem(f"modules.conf: {m} is not required/loaded")
    if "chan_sip.so" not in noload:
        problem("modules.conf: chan_sip.so is not disabled")
    if required & noload:
        problem(f"modules.conf: both loaded and noloaded: {sorted(required & noload)}")

    # every prompt the built-in IVR flows name has a sound file (a missing one fails the AGI session)
    flows = os.path.join(os.path.dirname(DOCKER), "ivr", "src", "main", "resources", "ivr")
    names = set()

    def collect(node):
        if isinstance(node, dict):
            if isinstance(node.get("name"), str) and isinstance(node.get("text"), dict):
                names.add(node["name"])
            for v in node.values():
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)
    if os.path.isdir(flows):
        for f in sorted(os.listdir(flows)):
            if f.endswith((".yaml", ".yml")):
                collect(yaml.safe_load(open(os.path.join(flows, f), encoding="utf-8")))
    for n in sorted(names):
        if not any(os.path.exists(os.path.join(DOCKER, "sounds", n + ext)) for ext in (".wav", ".ulaw", ".alaw", ".sln16", ".gsm")):
            problem(f"sounds: prompt {n} of the IVR flows has no file in docker/sounds/")

    # features: the transfer codes AMI Atxfer / the agent's Dial(...,t) need, and the transfer prompt
    if "features.conf" not in confs:
        problem("docker/asterisk/features.conf is missing (Asterisk's attended-transfer code is empty by default)")
    else:
        feats = {s[0]: dict(s[1]) for s in confs["features.conf"][0]}
        fmap = feats.get("featuremap", {})
        for code in ("atxfer", "blindxfer"):
            if not re.fullmatch(r"[0-9*#]{1,11}", fmap.get(code, "")):
                problem(f"features.conf: [featuremap] {code} is not a DTMF code")
        prompt = feats.get("general", {}).get("transferannouncesound", "pbx-transfer").strip('"')
        if prompt and not any(os.path.exists(os.path.join(DOCKER, "sounds", prompt + ext))
                              for ext in (".wav", ".ulaw", ".alaw", ".sln16", ".gsm")):
            problem(f"features.conf: transferannouncesound {prompt} has no file in docker/sounds/")

    # music on hold: the default class the queue uses
    moh = {s[0]: s for s in confs["musiconhold.conf"][0]}
    if "default" not in moh or dict(moh["default"][1]).get("mode") != "files":
        problem("musiconhold.conf: no [default] class in files mode")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--env", default=os.path.join(DOCKER, ".env.example"))
    ap.add_argument("--schema", help="Compose Specification JSON schema (compose-spec.json) to validate against")
    args = ap.parse_args()
    doc = check_compose(args.env, args.schema)
    check_asterisk(doc, read_env(args.env))
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} problem(s)")
        return 1
    print("docker/ configuration consistent: compose.yaml, .env.example and asterisk/*.conf agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
