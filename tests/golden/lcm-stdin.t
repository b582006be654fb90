# lcm from standard input, text
args: -m lcm --classes 2 --samples 100 --burnin 200 --thin 2 -f text
stdin: data/HAV.csv
exit: 0
