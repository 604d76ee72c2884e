from qcode.cli.main import main

raise SystemExit(main())
