# a single observed person, Zelterman: a status
args: -m zelterman tests/data/edge-single-person.csv
exit: 1
