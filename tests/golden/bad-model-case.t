# an unknown list in the model that differs only in case: did you mean
args: -M 'politiet' tests/data/good-quoted-utf8.csv
exit: 1
