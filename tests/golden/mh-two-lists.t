# Mh on two lists
args: -m Mh-chao tests/data/good-two-occasions.csv
exit: 2
