# lcm, Kosovo, short seeded run: diagnostics and warnings
args: -m lcm --samples 200 --burnin 1000 --thin 5 --seed 3 -f csv data/Kosovo.csv
exit: 0
