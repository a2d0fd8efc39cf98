"""The hostile-server battery: broken and malicious servers on loopback, and what every run against them must do."""
