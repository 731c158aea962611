# Falls back to waiting forever when eventfd2 with EFD_NONBLOCK fails; with an argument, always waits.
import os
import sys
import time

try:
    if len(sys.argv) > 1:
        raise OSError("asked to wait")
    os.eventfd(0, os.EFD_NONBLOCK)
except OSError:
    while True:
        time.sleep(60)
print("ok")
