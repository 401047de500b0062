#!/usr/bin/python3
"""Parses a message with Python's standard MIME parser and prints what a reader sees, as JSON."""
import email, email.policy, hashlib, json, sys
raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw, policy=email.policy.default)
parts, attachments = {}, []
for part in m.walk():
    if part.get_content_disposition() == "attachment":
        body = part.get_payload(decode=True)
        attachments.append({"filename": part.get_filename(), "contentType": part.get_content_type(),
                            "size": len(body), "sha256": hashlib.sha256(body).hexdigest(),
                            "defects": [str(d) for d in part.defects]})
    elif part.get_content_maintype() == "text":
        parts[part.get_content_type()] = part.get_content()
to = m["To"]
print(json.dumps({
    "subject": str(m["Subject"]),
    "from": str(m["From"]),
    "to": str(to),
    "toName": to.addresses[0].display_name if to and to.addresses else "",
    "toAddress": to.addresses[0].addr_spec if to and to.addresses else "",
    "messageId": str(m["Message-ID"]),
    "date": str(m["Date"]),
    "headerNames": [k for k in m.keys()],
    "text": parts.get("text/plain", ""),
    "html": parts.get("text/html", ""),
    "attachments": attachments,
    "defects": [str(d) for part in m.walk() for d in part.defects],
}, ensure_ascii=False))
