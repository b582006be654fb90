# lcm with a 90% interval
args: -m lcm --classes 2 --samples 100 --burnin 200 --thin 2 -L 0.9 -f csv data/HAV.csv
exit: 0
