from chorus_sandbox.cli import main

raise SystemExit(main())
