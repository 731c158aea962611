# Makes the refused eventfd2 call only on its first two runs (the baselines), counted in ./runs
# of its working folder: the reruns never reach it.
import os

runs = int(open("runs").read()) if os.path.exists("runs") else 0
open("runs", "w").write(str(runs + 1))
if runs < 2:
    os.eventfd(0, os.EFD_NONBLOCK)
print("ok")
