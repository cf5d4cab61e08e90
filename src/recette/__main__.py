from recette.cli import main

raise SystemExit(main())
