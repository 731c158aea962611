# Two eventfd2 calls the test rules allow (EFD_CLOEXEC), then one they refuse (EFD_NONBLOCK):
# exits with status 3 when that one fails.
import os
import sys

os.eventfd(0, os.EFD_CLOEXEC)
os.eventfd(0, os.EFD_CLOEXEC)
try:
    os.eventfd(0, os.EFD_NONBLOCK | os.EFD_CLOEXEC)
except OSError as err:
    print(f"eventfd: {err}", file=sys.stderr)
    sys.exit(3)
os.eventfd(0, os.EFD_CLOEXEC)
print("ok")
