# a single observed person, Rcapture's models: a status
args: -m closed tests/data/edge-single-person.csv
exit: 1
