# Sources of the scenario model and YAML loader (paths relative to sim/).
set(GAMEDAY_SIM_LOADER_SOURCES
  src/command.cpp
  src/scenario_loader.cpp
  src/scenario_locations.cpp
  src/scenario_monitoring.cpp
  src/scenario_overrides.cpp
  src/scenario_services.cpp
  src/scenario_faults.cpp
  src/scenario_import.cpp
  src/scenario_responders.cpp
  src/scenario_traffic.cpp
  src/scenario_warnings.cpp
  src/yaml_reader.cpp
)
