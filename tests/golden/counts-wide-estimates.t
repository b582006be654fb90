# mse-counts: --wide and --estimates together
tool: mse-counts
args: --wide -e x.csv data/kom-annual.csv
exit: 2
