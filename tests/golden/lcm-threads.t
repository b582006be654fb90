# lcm, the same run on one thread
args: -m lcm --samples 200 --burnin 1000 --thin 5 --seed 3 --threads 1 -f csv data/Kosovo.csv
exit: 0
