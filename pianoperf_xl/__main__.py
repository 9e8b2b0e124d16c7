from pianoperf_xl.cli import main

main()
