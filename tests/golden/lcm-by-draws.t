# -m lcm --by with --draws: refused (one table's draws), with the way out
args: -m lcm --by eth --draws x.csv data/spina_eth.csv
exit: 2
