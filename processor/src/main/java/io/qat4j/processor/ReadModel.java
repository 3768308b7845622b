package io.qat4j.processor;

import io.qat4j.model.ModelDecl;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * What reading a model class gave.
 *
 * @param type the model class
 * @param decl the declaration, when every annotation could be read
 * @param locations where each layer is declared, to place problems
 * @param reports problems found while reading (class rules, array lengths, class members)
 * @param opaque layers whose values could not be read; the rules leave them out
 * @param broken javac could not attribute some annotation value and has said so; no code
 * @param unresolved a type the class names does not exist yet; try again next round
 */
record ReadModel(
    TypeElement type,
    Optional<ModelDecl> decl,
    Locations locations,
    List<Report> reports,
    Set<String> opaque,
    boolean broken,
    boolean unresolved) {}
