# --max-models without a search over a model space
args: -s stepwise --max-models 100 data/UKdat_5.csv
exit: 2
