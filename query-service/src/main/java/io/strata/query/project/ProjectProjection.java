package io.strata.query.project;

import io.strata.contract.project.ProjectEvents.ProjectCreated;
import io.strata.contract.project.ProjectEvents.ProjectDeleted;
import io.strata.contract.project.ProjectEvents.ProjectRenamed;
import io.strata.contract.project.ProjectResource;
import io.strata.platform.web.PageRequest;
import io.strata.query.Positions;
import io.strata.query.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Projects: the q_projects table. Deleted projects keep their row (deleted_at) but are never listed. */
@Component
@ProcessingGroup(ReadModels.PROJECTS)
public class ProjectProjection {
    private static final String SELECT =
            "select id, organization_id, name, created_at, updated_at, position from q_projects";

    public record Row(ProjectResource project, long position) {
    }

    private static final RowMapper<Row> ROW = (rs, i) -> new Row(new ProjectResource(rs.getString(1), rs.getString(2),
            rs.getString(3), Positions.instant(rs.getTimestamp(4)), Positions.instant(rs.getTimestamp(5))), rs.getLong(6));

    private final JdbcTemplate jdbc;

    public ProjectProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProjectCreated event, @Timestamp Instant at, TrackingToken token) {
        jdbc.update("""
                insert into q_projects (id, organization_id, name, created_at, updated_at, position)
                values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                event.projectId(), event.organizationId(), event.name(), Positions.ts(at), Positions.ts(at),
                Positions.of(token));
    }

    @EventHandler
    void on(ProjectRenamed event, @Timestamp Instant at) {
        jdbc.update("update q_projects set name = ?, updated_at = ? where id = ?", event.name(), Positions.ts(at),
                event.projectId());
    }

    @EventHandler
    void on(ProjectDeleted event, @Timestamp Instant at) {
        jdbc.update("update q_projects set deleted_at = coalesce(deleted_at, ?), updated_at = ? where id = ?",
                Positions.ts(at), Positions.ts(at), event.projectId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from q_projects");
    }

    public Optional<ProjectResource> find(String organizationId, String id) {
        return jdbc.query(SELECT + " where id = ? and organization_id = ? and deleted_at is null", ROW, id, organizationId)
                .stream().map(Row::project).findFirst();
    }

    public List<Row> list(String organizationId, String onlyProjectId, PageRequest page) {
        return jdbc.query(SELECT + """
                 where organization_id = ? and deleted_at is null and (?::text is null or id = ?) and position > ?
                order by position limit ?""", ROW, organizationId, onlyProjectId, onlyProjectId, page.after(),
                page.fetchSize());
    }
}
