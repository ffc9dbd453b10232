package io.driftless.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way through the engine: trigger → source → render → apply → record, and only
 * {@code pipeline} wires the stages together. A stage never reaches back to one before it, and
 * nothing but the engine's front ends reaches into {@code pipeline}.
 */
class LayeringTest {
  /** The stages in the order data flows through them. */
  private static final List<String> FLOW = List.of("trigger", "source", "render", "apply", "record");
  private static JavaClasses engine;

  @BeforeAll
  static void importEngine() {
    engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.driftless");
  }

  @Test
  void noStageDependsOnAStageBeforeIt() {
    for (int later = 1; later < FLOW.size(); later++) {
      for (int earlier = 0; earlier < later; earlier++) {
        noClasses().that().resideInAPackage(stage(FLOW.get(later)))
            .should().dependOnClassesThat().resideInAPackage(stage(FLOW.get(earlier)))
            .because(FLOW.get(later) + " comes after " + FLOW.get(earlier) + " in the flow")
            .check(engine);
      }
    }
  }

  @Test
  void onlyThePipelineWiresTheStages() {
    noClasses().that().resideOutsideOfPackage("io.driftless.pipeline..")
        .should().dependOnClassesThat().resideInAPackage("io.driftless.pipeline..")
        .because("the pipeline is the one place that wires every stage; the stages and their helpers do not call it")
        .check(engine);
  }

  @Test
  void aTriggerTouchesOnlyTheIntake() {
    noClasses().that().resideInAPackage("io.driftless.trigger..")
        .should().dependOnClassesThat().haveFullyQualifiedName("io.driftless.record.StateStore")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("io.driftless.record.WorkItemStore")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("io.driftless.record.StatusWriter")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("io.driftless.record.Leases")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("io.driftless.record.Registry")
        .because("a trigger reads what is recorded, records deliveries and queues requests (record.Intake); runs write the rest")
        .check(engine);
  }

  @Test
  void theModelAndConfigurationDependOnNoStage() {
    for (String stage : FLOW) {
      noClasses().that().resideInAnyPackage("io.driftless.model..", "io.driftless.config..")
          .should().dependOnClassesThat().resideInAPackage(stage(stage))
          .check(engine);
    }
  }

  @Test
  void theHelmActionsNeverCallBackIntoTheStateMachine() {
    noClasses().that().resideInAPackage("io.driftless.helm.action..")
        .should().dependOnClassesThat().resideInAPackage("io.driftless.helm.reconcile..")
        .because("the state machine chooses the actions and the actions do not reach back (helm-controller's"
            + " internal/reconcile over internal/action)")
        .check(engine);
  }

  private static String stage(String name) {
    return "io.driftless." + name + "..";
  }
}
