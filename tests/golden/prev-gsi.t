# mse-prevalence: Norway, 9000 / 5199836 = 1.73 per 1,000 beside the published 1.81
tool: mse-prevalence
args: -f text data/gsi2018.csv
exit: 0
