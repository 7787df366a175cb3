from build_tools.handouts.runner import main

raise SystemExit(main())
