def beispiel():
    return 42
