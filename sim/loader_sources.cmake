# Sources of the scenario model and YAML loader (paths relative to sim/).
set(GAMEDAY_SIM_LOADER_SOURCES
)
