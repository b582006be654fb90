# --by Region with --lists: Gender and Age summed over
args: -f csv -D 10 --by Region -l S1,S2,S3,S4 data/ScotPWID_region_gender_age.csv
exit: 0
