# --max-models 0
args: -s bic --max-models 0 data/UKdat_5.csv
exit: 2
