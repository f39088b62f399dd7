#!/usr/bin/env python3
"""An IP-PBX behind the ALG, for chain D (pbx-chain.sh): several devices of one user over ONE TLS
connection, which no real phone in the rig does (each baresip has its own connection).

It connects from --bind to the DUT (verifying it as --server-name against --ca, presenting --cert),
registers each device's Contact (sip:USER@BIND:PORT;transport=tls) in its own REGISTER, answering
kamailio's digest challenge, and checks that the answer to the last REGISTER lists every device's
Contact exactly as it wrote it. Then it serves calls forked to the devices (--calls, in order):
  cancelled  100 Trying to every INVITE, 180 Ringing to the first only (so the caller sees one
             ringing answer), and on each CANCEL a 200 and a 487 for the INVITE of that branch;
             done after the ACK of every 487
  answered   100 Trying to every INVITE and, once all arrived, a 200 from every device (its own
             Contact, To tag and SDP); done after a BYE in every dialog, each ACK and BYE checked
             to name the Contact of the device whose tag it carries
  early      100 Trying to every INVITE, then a reliable 183 (RFC 3262) from each device; once all
             are PRACKed the first device answers. Done after
             the caller's BYE and the ACK of kamailio's 487 for the other branch; each PRACK, ACK,
             CANCEL and BYE checked to reach the device of its dialog (or of its INVITE)
(--ready FILE is created once registered, FILE.answered and FILE.early before those calls.)

One key=value line on stdout, e.g.
  registered=yes register_answer=restored invites=2 distinct_targets=2 targets_match=yes
  cancels=2 cancel_ruri_matches=yes acks=2 trace_param_seen=no answered=2 dialog_acks=2
  dialog_byes=2 dialog_requests_match=yes early_dialogs=2 pracks=2 prack_requests_match=yes
  early_call_requests_match=yes messages=52
and a trace in --log: one "TLS a -> b" line per message (as baresip -s writes), then the message.
Exit status 0 when every expectation held, 1 otherwise.
"""
import argparse
import hashlib
import re
import socket
import ssl
import sys
import time
import uuid

CRLF = "\r\n"


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


class Connection:
    """One TLS connection carrying whole SIP messages (framed by Content-Length), logged."""

    def __init__(self, args):
        ctx = ssl.create_default_context(cafile=args.ca)
        if args.cert:
            ctx.load_cert_chain(args.cert)
        raw = socket.create_connection((args.dut_host, args.dut_port), timeout=args.timeout,
                                       source_address=(args.bind, 0))
        self.tls = ctx.wrap_socket(raw, server_hostname=args.server_name)
        self.local = "%s:%d" % self.tls.getsockname()[:2]
        self.peer = "%s:%d" % self.tls.getpeername()[:2]
        self.buf = b""
        self.log = open(args.log, "w")
        self.count = 0

    def send(self, text):
        data = text.encode()
        self.tls.sendall(data)
        self._trace(self.local, self.peer, text)

    def receive(self, deadline):
        while True:
            head_end = self.buf.find(b"\r\n\r\n")
            if head_end >= 0:
                head = self.buf[:head_end].decode("utf-8", "replace")
                m = re.search(r"^(?:content-length|l)[ \t]*:[ \t]*(\d+)", head, re.I | re.M)
                total = head_end + 4 + (int(m.group(1)) if m else 0)
                if len(self.buf) >= total:
                    text = self.buf[:total].decode("utf-8", "replace")
                    self.buf = self.buf[total:]
                    self._trace(self.peer, self.local, text)
                    return Message(text)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.tls.settimeout(left)
            try:
                chunk = self.tls.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                return None
            self.buf += chunk

    def close(self):
        try:
            self.tls.unwrap()  # close_notify: the ALG sees an orderly end
        except (OSError, ssl.SSLError):
            pass
        self.tls.close()
        self.log.close()

    def _trace(self, src, dst, text):
        self.count += 1
        self.log.write("TLS %s -> %s\n%s\n" % (src, dst, text))
        self.log.flush()


class Message:
    def __init__(self, text):
        self.text = text
        head = text.split(CRLF + CRLF, 1)[0]
        lines = head.split(CRLF)
        self.start = lines[0]
        self.headers = []
        for line in lines[1:]:
            if line[:1] in (" ", "\t") and self.headers:
                name, value = self.headers[-1]
                self.headers[-1] = (name, value + " " + line.strip())
            elif ":" in line:
                name, value = line.split(":", 1)
                self.headers.append((name.strip().lower(), value.strip()))
        parts = self.start.split(" ", 2)
        self.is_request = not parts[0].startswith("SIP/")
        self.method = parts[0] if self.is_request else None
        self.ruri = parts[1] if self.is_request else None
        self.status = int(parts[1]) if not self.is_request else None

    COMPACT = {"v": "via", "f": "from", "t": "to", "i": "call-id", "m": "contact", "l": "content-length"}

    def all(self, name):
        return [v for n, v in self.headers if self.COMPACT.get(n, n) == name]

    def one(self, name):
        values = self.all(name)
        return values[0] if values else ""

    def branch(self):
        m = re.search(r";\s*branch=([^;,\s]+)", self.one("via"), re.I)
        return m.group(1) if m else ""

    def cseq_method(self):
        return self.one("cseq").split()[-1] if self.one("cseq") else ""


def response(req, code, reason, to_tag=None, contact=None, sdp="", extra=()):
    lines = ["SIP/2.0 %d %s" % (code, reason)]
    lines += ["Via: " + v for v in req.all("via")]
    to = req.one("to")
    if to_tag and ";tag=" not in to.lower():
        to += ";tag=" + to_tag
    lines += ["From: " + req.one("from"), "To: " + to, "Call-ID: " + req.one("call-id"),
              "CSeq: " + req.one("cseq")]
    if 100 < code < 300:  # RFC 3261 12.1.1: the dialog's route set comes back in 18x and 2xx
        lines += ["Record-Route: " + r for r in req.all("record-route")]
    if contact:
        lines.append("Contact: <%s>" % contact)
    lines += extra
    if sdp:
        lines.append("Content-Type: application/sdp")
    lines.append("Content-Length: %d" % len(sdp.encode()))
    return CRLF.join(lines) + CRLF + CRLF + sdp


def to_tag_of(m):
    found = re.search(r";\s*tag=([^;>\s]+)", m.one("to"), re.I)
    return found.group(1) if found else ""


def digest(challenge, method, uri, user, password):
    fields = dict(re.findall(r'(\w+)="?([^",]*)"?', challenge))
    realm, nonce = fields.get("realm", ""), fields.get("nonce", "")
    ha1, ha2 = md5("%s:%s:%s" % (user, realm, password)), md5("%s:%s" % (method, uri))
    auth = 'Digest username="%s", realm="%s", nonce="%s", uri="%s", algorithm=MD5' % (user, realm, nonce, uri)
    if "auth" in fields.get("qop", "").split(","):
        cnonce, nc = uuid.uuid4().hex[:16], "00000001"
        auth += ', qop=auth, nc=%s, cnonce="%s", response="%s"' % (
            nc, cnonce, md5("%s:%s:%s:%s:auth:%s" % (ha1, nonce, nc, cnonce, ha2)))
    else:
        auth += ', response="%s"' % md5("%s:%s:%s" % (ha1, nonce, ha2))
    if "opaque" in fields:
        auth += ', opaque="%s"' % fields["opaque"]
    return auth


def register(conn, args, contact, deadline):
    """REGISTER one Contact (answering one digest challenge); returns the final answer or None."""
    call_id, tag, uri = uuid.uuid4().hex + "@" + args.bind, uuid.uuid4().hex[:8], "sip:" + args.domain
    authorization = None
    for cseq in (1, 2):
        lines = ["REGISTER %s SIP/2.0" % uri,
                 "Via: SIP/2.0/TLS %s;branch=z9hG4bK%s;rport" % (conn.local, uuid.uuid4().hex[:12]),
                 "Max-Forwards: 70", "From: <sip:%s@%s>;tag=%s" % (args.user, args.domain, tag),
                 "To: <sip:%s@%s>" % (args.user, args.domain), "Call-ID: " + call_id,
                 "CSeq: %d REGISTER" % cseq, "Contact: <%s>" % contact, "Expires: 120"]
        if authorization:
            lines.append("Authorization: " + authorization)
        conn.send(CRLF.join(lines + ["User-Agent: sip-alg e2e pbx.py", "Content-Length: 0"]) + CRLF + CRLF)
        answer = conn.receive(deadline)
        while answer is not None and answer.status is not None and answer.status < 200:
            answer = conn.receive(deadline)
        if answer is None or answer.status != 401 or authorization:
            return answer
        authorization = digest(answer.one("www-authenticate"), "REGISTER", uri, args.user, args.password)
    return None


def requests(conn, deadline, result):
    """The requests that arrive until the deadline; notes a trace parameter left in a Request-URI."""
    while time.monotonic() < deadline:
        m = conn.receive(deadline)
        if m is None:
            return
        if m.is_request:
            if "x-sipalg-orig" in m.ruri:
                result["trace_param_seen"] = "yes"
            yield m


def cancelled_call(conn, devices, deadline, result):
    """A call forked to every device, cancelled while the first rings: 100 to each INVITE, 180 from
    the first, 200 + 487 per CANCEL, done after the ACK of every 487."""
    invites, tags, cancels, expected = {}, {}, 0, len(devices)
    cancel_match, acks = True, 0
    for m in requests(conn, deadline, result):
        if m.method == "INVITE":
            invites[m.branch()] = m
            tags[m.branch()] = uuid.uuid4().hex[:8]  # each device its own dialog
            conn.send(response(m, 100, "Trying"))
            if len(invites) == 1:
                conn.send(response(m, 180, "Ringing", tags[m.branch()]))
        elif m.method == "CANCEL":
            cancels += 1
            invite = invites.get(m.branch())
            cancel_match = cancel_match and invite is not None and invite.ruri == m.ruri
            conn.send(response(m, 200, "OK"))
            if invite is not None:
                conn.send(response(invite, 487, "Request Terminated", tags[m.branch()]))
        elif m.method == "ACK":
            acks += 1
            if acks == expected:
                break
    targets = sorted(set(invite.ruri for invite in invites.values()))
    result.update(invites=len(invites), distinct_targets=len(targets), cancels=cancels, acks=acks,
                  targets_match="yes" if targets == sorted(devices) else "no",
                  cancel_ruri_matches="yes" if cancel_match and cancels == expected else "no")
    return targets == sorted(devices) and cancel_match and cancels == expected \
        and acks == expected and result["trace_param_seen"] == "no"


def device_sdp(device, i):
    """Device i's SDP offer answer: its own address and an RTP port of its own."""
    host = device.split("@", 1)[1].split(":", 1)[0]
    return CRLF.join(["v=0", "o=dev%d 1 1 IN IP4 %s" % (i, host), "s=-", "c=IN IP4 " + host, "t=0 0",
                      "m=audio %d RTP/AVP 0" % (42000 + 2 * i), "a=rtpmap:0 PCMU/8000"]) + CRLF


def answered_call(conn, devices, deadline, result):
    """A call forked to every device that every device answers (RFC 3261 13.2.2.4: one Call-ID, a
    dialog per device; the caller ACKs each 200 and BYEs each dialog): 100 to each INVITE, then,
    once all arrived, a 200 from each with its own Contact and SDP. Every ACK and BYE must reach
    the device of its dialog (its To tag), i.e. name that device's Contact; done after every BYE."""
    invites, contact_by_tag, expected = [], {}, len(devices)
    dialog_match, acks, byes = True, 0, 0
    for m in requests(conn, deadline, result):
        if m.method == "INVITE":
            invites.append(m)
            conn.send(response(m, 100, "Trying"))
            if len(invites) == expected:  # both answer before either hears of the other
                for i, invite in enumerate(invites):
                    device = next((d for d in devices if d == invite.ruri), devices[i])
                    tag = uuid.uuid4().hex[:8]
                    contact_by_tag[tag] = device
                    conn.send(response(invite, 200, "OK", tag, device, device_sdp(device, i)))
        elif m.method == "CANCEL":  # a late CANCEL of a branch that answered: nothing to cancel
            conn.send(response(m, 200, "OK"))
        elif m.method in ("ACK", "BYE"):
            dialog_match = dialog_match and contact_by_tag.get(to_tag_of(m)) == m.ruri
            if m.method == "ACK":
                acks += 1
            else:
                byes += 1
                conn.send(response(m, 200, "OK"))
                if byes == expected:
                    break
    result.update(answered=len(contact_by_tag), dialog_acks=acks, dialog_byes=byes,
                  dialog_requests_match="yes" if dialog_match and byes == expected else "no")
    return len(contact_by_tag) == expected and dialog_match and acks == expected and byes == expected \
        and result["trace_param_seen"] == "no"


def early_call(conn, devices, deadline, result):
    """A call forked to every device, each of which answers with a reliable 183 (RFC 3262) in an
    early dialog of its own, all before the caller PRACKs any (so a router that follows the latest
    Contact of the call sends the PRACKs of the other dialogs astray): each PRACK must reach the
    device of its dialog (its To tag) with the RAck of that device's RSeq, although every early
    dialog names the ALG's outside address. Once all are PRACKed the first device answers:
    kamailio cancels the other branches (200, 487 and its ACK, each for its device's INVITE) and
    the caller ACKs and hangs up the answered dialog. Done after that BYE and the 487s' ACKs."""
    invites, expected = [], len(devices)
    tags, contact_by_tag, rseq_by_tag = [], {}, {}
    pracks, prack_match, cancel_match, ack_match, bye_match = 0, True, True, True, True
    byes, acks = 0, 0

    def early(i):  # device i's reliable 183, with its own tag, Contact, RSeq and SDP
        invite = invites[i]
        device = next((d for d in devices if d == invite.ruri), devices[i])
        contact_by_tag[tags[i]], rseq_by_tag[tags[i]] = device, 7 * i + 1
        conn.send(response(invite, 183, "Session Progress", tags[i], device, device_sdp(device, i),
                           ["Require: 100rel", "RSeq: %d" % rseq_by_tag[tags[i]]]))

    for m in requests(conn, deadline, result):
        tag = to_tag_of(m)
        if m.method == "INVITE":
            invites.append(m)
            tags.append(uuid.uuid4().hex[:8])
            conn.send(response(m, 100, "Trying"))
            if len(invites) == expected:
                for i in range(expected):
                    early(i)
        elif m.method == "PRACK":
            rack = m.one("rack").split()
            prack_match = prack_match and contact_by_tag.get(tag) == m.ruri \
                and rack[:1] == [str(rseq_by_tag.get(tag))]
            conn.send(response(m, 200, "OK"))
            pracks += 1
            if pracks == expected:  # the first device answers the INVITE it sent its 183 for
                conn.send(response(invites[0], 200, "OK", tags[0], contact_by_tag[tags[0]],
                                   device_sdp(contact_by_tag[tags[0]], 0)))
        elif m.method == "CANCEL":  # kamailio ends the branches that did not answer
            k = next((j for j, invite in enumerate(invites) if invite.branch() == m.branch()), None)
            cancel_match = cancel_match and k not in (None, 0) and invites[k].ruri == m.ruri
            conn.send(response(m, 200, "OK"))
            if k is not None:
                conn.send(response(invites[k], 487, "Request Terminated", tags[k]))
        elif m.method == "ACK":  # the caller's, in the answered dialog, or kamailio's, for a 487
            acks += 1
            want = contact_by_tag.get(tags[0]) if tag == tags[0] else \
                next((invite.ruri for j, invite in enumerate(invites) if tags[j] == tag), None)
            ack_match = ack_match and want == m.ruri
        elif m.method == "BYE":
            byes += 1
            bye_match = bye_match and tag == tags[0] and contact_by_tag.get(tag) == m.ruri
            conn.send(response(m, 200, "OK"))
        if byes >= 1 and acks >= expected:
            break
    ok = pracks == expected and prack_match and cancel_match and ack_match and bye_match \
        and byes == 1 and acks == expected
    result.update(early_dialogs=len(contact_by_tag), pracks=pracks,
                  prack_requests_match="yes" if prack_match and pracks == expected else "no",
                  early_call_requests_match="yes" if ok else "no")
    return ok and result["trace_param_seen"] == "no"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dut", required=True, help="HOST:PORT of the DUT's phone-facing TLS listener")
    p.add_argument("--bind", required=True, help="local address (the PBX's, i.e. the phone side's)")
    p.add_argument("--ports", default="5070,5072", help="each device's Contact port")
    p.add_argument("--user", default="alice")
    p.add_argument("--domain", required=True)
    p.add_argument("--server-name", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--ca", required=True)
    p.add_argument("--cert", help="PEM with the client certificate and key")
    p.add_argument("--log", required=True)
    p.add_argument("--ready", help="file created once every device is registered (FILE.answered, FILE.early: before those calls)")
    p.add_argument("--calls", default="cancelled", help="cancelled[,answered][,early]: the forked calls to serve, in this order")
    p.add_argument("--timeout", type=float, default=20.0)
    args = p.parse_args()
    args.dut_host, args.dut_port = args.dut.rsplit(":", 1)[0], int(args.dut.rsplit(":", 1)[1])
    devices = ["sip:%s@%s:%s;transport=tls" % (args.user, args.bind, port) for port in args.ports.split(",")]
    deadline = time.monotonic() + args.timeout
    conn = Connection(args)
    result = {"registered": "no", "register_answer": "none", "invites": 0, "distinct_targets": 0,
              "targets_match": "no", "cancels": 0, "cancel_ruri_matches": "no", "acks": 0,
              "trace_param_seen": "no"}
    ok = True
    answer = None
    for contact in devices:
        answer = register(conn, args, contact, deadline)
        if answer is None or answer.status != 200:
            ok = False
            break
    if ok:
        result["registered"] = "yes"
        listed = ", ".join(answer.all("contact"))
        restored = all("<%s>" % c in listed for c in devices)
        result["register_answer"] = "restored" if restored else "other:" + re.sub(r"\s+", "", listed)
        ok = restored
        if args.ready:
            open(args.ready, "w").close()
        ok = cancelled_call(conn, devices, deadline, result) and ok
        for call, serve in (("answered", answered_call), ("early", early_call)):
            if call in args.calls.split(","):
                if args.ready:
                    open(args.ready + "." + call, "w").close()
                ok = serve(conn, devices, deadline, result) and ok
    conn.close()
    result["messages"] = conn.count
    print(" ".join("%s=%s" % kv for kv in result.items()))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
