# unknown list in the model
args: -M 'A:Q' data/Western.csv
exit: 1
