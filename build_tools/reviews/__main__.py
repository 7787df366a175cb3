from build_tools.reviews.cli import main

raise SystemExit(main())
