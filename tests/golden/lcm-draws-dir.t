# lcm --draws into a missing directory
args: -m lcm --samples 10 --burnin 10 --thin 1 --draws /nonexistent/d.csv data/HAV.csv
exit: 1
