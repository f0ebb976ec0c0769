package io.strata.engines;

import java.util.List;

/** What an engine does as the tenant, with the tenant's own credentials only. */
public interface EngineTenant {
    /** Live check. Never throws for connection problems: reports them. */
    ConnectionCheck check(ConnectionTarget target);

    List<TableInfo> tables(ConnectionTarget target) throws EngineException;

    QueryResult query(ConnectionTarget target, QueryRequest request) throws EngineException;
}
