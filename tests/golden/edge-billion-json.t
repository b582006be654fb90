# 10^9 people with a profile interval, JSON
args: -f json -c profile tests/data/edge-billion.csv
exit: 0
