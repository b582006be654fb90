# --help
args: --help
exit: 0
