from nora_cli.cli import main

main()
