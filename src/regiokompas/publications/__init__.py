"""Council information: raadsmemo's, raadsinformatiebrieven and digitale nieuwsbrieven drafted from
the register, information events (actieve informatieplicht) and the import of existing council
documents (upload -> review -> confirm)."""
