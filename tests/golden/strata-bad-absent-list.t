# --absent naming an unknown list
args: --absent A:Q data/Western.csv
exit: 1
