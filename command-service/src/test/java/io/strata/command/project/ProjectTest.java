package io.strata.command.project;

import io.strata.contract.Refusal;
import io.strata.contract.project.ProjectCommands.CreateProject;
import io.strata.contract.project.ProjectCommands.DeleteProject;
import io.strata.contract.project.ProjectCommands.RenameProject;
import io.strata.contract.project.ProjectEvents.ProjectCreated;
import io.strata.contract.project.ProjectEvents.ProjectDeleted;
import io.strata.contract.project.ProjectEvents.ProjectRenamed;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.strata.command.Refusals.notFound;
import static org.assertj.core.api.Assertions.assertThat;

/** The Project lifecycle: another organization's project, or a deleted one, is "not found". */
class ProjectTest {
    private static final String ORG = "org_1";
    private static final String OTHER = "org_other";
    private static final String PROJECT = "prj_1";

    private AggregateTestFixture<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
    }

    @Test
    void create() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT, ORG, "web"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectCreated(PROJECT, ORG, "web"))
                .expectState(p -> assertThat(p.isLiveIn(ORG)).isTrue());
    }

    @Test
    void rename() {
        fixture.given(new ProjectCreated(PROJECT, ORG, "web"))
                .when(new RenameProject(PROJECT, ORG, "www"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectRenamed(PROJECT, ORG, "www"))
                .expectState(p -> assertThat(p.view().name()).isEqualTo("www"));
    }

    @Test
    void renameToTheSameNameEmitsNothing() {
        fixture.given(new ProjectCreated(PROJECT, ORG, "web"))
                .when(new RenameProject(PROJECT, ORG, "web"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void delete() {
        fixture.given(new ProjectCreated(PROJECT, ORG, "web"))
                .when(new DeleteProject(PROJECT, ORG))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectDeleted(PROJECT, ORG))
                .expectState(p -> assertThat(p.isLiveIn(ORG)).isFalse());
    }

    @Test
    void renameByAnotherOrganizationIsNotFound() {
        fixture.given(new ProjectCreated(PROJECT, ORG, "web"))
                .when(new RenameProject(PROJECT, OTHER, "stolen"))
                .expectException(Refusal.class)
                .expectException(notFound())
                .expectExceptionMessage("project " + PROJECT + " was not found")
                .expectNoEvents();
    }

    @Test
    void deleteByAnotherOrganizationIsNotFound() {
        fixture.given(new ProjectCreated(PROJECT, ORG, "web"))
                .when(new DeleteProject(PROJECT, OTHER))
                .expectException(notFound())
                .expectNoEvents();
    }

    @Test
    void renameAfterDeletionIsNotFound() {
        fixture.given(new ProjectCreated(PROJECT, ORG, "web"), new ProjectDeleted(PROJECT, ORG))
                .when(new RenameProject(PROJECT, ORG, "www"))
                .expectException(notFound())
                .expectExceptionMessage("project " + PROJECT + " was not found")
                .expectNoEvents();
    }

    @Test
    void deleteAfterDeletionIsNotFound() {
        fixture.given(new ProjectCreated(PROJECT, ORG, "web"), new ProjectDeleted(PROJECT, ORG))
                .when(new DeleteProject(PROJECT, ORG))
                .expectException(notFound())
                .expectNoEvents();
    }
}
