# 10^9 people, Rcapture's models: numbers or statuses, no NaN or inf
args: -m closed tests/data/edge-billion.csv
exit: 0
