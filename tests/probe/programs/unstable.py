# Exits 0 on its first run and 1 on its second (counted in ./runs): the baselines disagree.
import os
import sys

runs = int(open("runs").read()) if os.path.exists("runs") else 0
open("runs", "w").write(str(runs + 1))
os.eventfd(0, os.EFD_NONBLOCK)
sys.exit(runs % 2)
