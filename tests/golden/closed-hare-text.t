# hare, -m closed as text (mse-fit(1) example)
args: -m closed -f text data/hare.csv
exit: 0
