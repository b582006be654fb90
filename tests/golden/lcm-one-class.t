# lcm with one class (model Mt), HAV
args: -m lcm --classes 1 --samples 500 --burnin 500 --thin 2 -f csv data/HAV.csv
exit: 0
