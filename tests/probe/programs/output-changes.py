# Exits 0 whatever happens, but says which way it went: refusing EFD_NONBLOCK changes its output.
import os

try:
    os.eventfd(0, os.EFD_NONBLOCK)
    print("eventfd")
except OSError:
    print("pipe")
