# a single observed person: a status
args: tests/data/edge-single-person.csv
exit: 1
