// Configuration du rapport Allure 3 de la recette (rapport en français, un seul fichier).
import { defineConfig } from "allure";

export default defineConfig({
  name: "Recette Chorus",
  output: "./reports/rapport",
  historyPath: "./reports/historique/historique.jsonl",
  plugins: {
    awesome: {
      options: {
        reportName: "Recette Chorus",
        reportLanguage: "fr",
        singleFile: true,
        groupBy: ["epic", "feature"],
      },
    },
  },
});
