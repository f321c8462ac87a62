"""The functions behind the tflm-host command line. Each returns plain data (dicts and lists
that json.dumps accepts) and has a render_* companion that formats it as text."""
